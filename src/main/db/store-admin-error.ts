/**
 * What an administrator can fix when copying a store or setting its roles (a target that is not new, a schema that
 * differs, an unknown login role…), in French: the CLI prints it as a user error rather than an internal one.
 */
export class StoreAdminError extends Error {}
