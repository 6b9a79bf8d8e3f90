// Nx requires() generator factories; see ../../../plugin.cjs for why this shim loads the
// TypeScript source through tsx.
const tsx = require('tsx/cjs/api');

module.exports = tsx.require('./generator.ts', __filename);
