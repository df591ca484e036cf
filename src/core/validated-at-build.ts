/**
 * The built-in policy and catalog as the CLI's build validated them (scripts/build-cli.mjs writes this module's
 * content into the bundle), so the bundled CLI and its check thread never load zod to validate their own data.
 * Empty when run from source (tests, tsx, the app's build): then they are validated at their first use.
 */
export const validatedAtBuild: { readonly policy?: unknown; readonly catalog?: unknown } = {};
