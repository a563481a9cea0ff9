import rootPackage from '../../../package.json' with { type: 'json' };

/** The version reported by `/health` and the OpenAPI document: the root package's. */
export const VERSION: string = rootPackage.version;
