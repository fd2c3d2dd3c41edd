/** The version of @sotto/api that this host implements; plugins declare a semver range for it in `engines.sotto`. */
export const API_VERSION = '1.0.0';
