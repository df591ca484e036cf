/** Runs appendEcsLog in a process of its own (as another user, or on a tiny disk) and prints its result as JSON. */
import { appendEcsLog } from '../../src/core/export/ecs-log';
import { ConfinedMutableHost, RealMutableHost } from '../../src/core/host/mutable-host';
import { RealHost } from '../../src/core/host/real-host';

const [dataDir, path, lineBytes, count] = process.argv.slice(2);
const host = new RealHost();
const writer = new ConfinedMutableHost(new RealMutableHost(host), [dataDir!]);
const lines = Array.from({ length: Number(count) }, (_, i) => JSON.stringify({ n: i, pad: 'x'.repeat(Number(lineBytes)) }));
void appendEcsLog(host, writer, path!, lines).then((r) => process.stdout.write(JSON.stringify(r)));
