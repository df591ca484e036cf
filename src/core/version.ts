import pkg from '../../package.json';

/** The command and product name shown in reports. */
export const TOOL_NAME = 'attt-selfcheck';
/** This build's version, from package.json. */
export const TOOL_VERSION: string = pkg.version;
