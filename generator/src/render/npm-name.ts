/** What npm accepts as a package name (scoped or not), lower case, URL-safe. */
export const NPM_PACKAGE_NAME = /^(?:@[a-z0-9~][a-z0-9._~-]*\/)?[a-z0-9~][a-z0-9._~-]*$/;
