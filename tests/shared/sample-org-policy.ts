/** An organisation's policy as the window receives it (a signed policy file of UBND phường Hồng Gai, with its IT contact). */
import type { OrgPolicyView } from '../../src/shared/org-policy';

/** The organisation's policy in force: signed file, agency and IT contact, full check every 2 hours, notifications locked, no note. */
export const ORG_POLICY: OrgPolicyView = {
  origin: 'organisation',
  sources: [{ kind: 'file', path: '/etc/attt-selfcheck/policy.json', keyId: '9f2c4e1a7b3d5c60', policyId: 'ubnd-phuong-hong-gai-2026', notAfter: '2027-10-31' }],
  agency: { name: 'UBND phường Hồng Gai', itContact: { name: 'Nguyễn Văn An', phone: '0203 3825 123', email: 'cntt@honggai.gov.vn', room: 'Phòng 203, tầng 2' } },
  refusals: [],
  fullCheckHours: 2,
  usersMayTurnOffNotifications: false,
  advisoryNote: null,
};
