// Nx loads local plugins with require(); it can only transpile TypeScript through swc-node or
// ts-node (neither is installed here), while the workspace runs TypeScript through tsx. This shim
// loads the TypeScript plugin with tsx's scoped require, so the plugin stays in typed source.
// Referenced from nx.json: { "plugin": "./tools/nx-bench/plugin.cjs", ... }
const tsx = require('tsx/cjs/api');

module.exports = tsx.require('./src/plugin.ts', __filename);
