/**
 * The one module that loads google-auth-library (and gaxios under it). auth.ts imports it with a
 * dynamic `import()` on the first Vertex call, and the product build keeps it in
 * `dist/googleAuth.js` of its own (esbuild.mjs), so the library is neither parsed nor run at
 * activation.
 */

export { GoogleAuth } from 'google-auth-library';
export type { AuthClient } from 'google-auth-library';
