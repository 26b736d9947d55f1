'use strict';
// A pthread worker of tfjs-backend-wasm's threaded build, as a file that
// worker_threads can start. tfjs ships the Emscripten worker glue only as a
// string, which it turns into a blob: URL (not loadable by worker_threads).
// The string comes from a template literal, so its "\n" escapes arrived as
// real newlines inside string literals: they are escaped back, as tfjs does.
const { wasmWorkerContents } = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js');
new Function('require', '__filename', wasmWorkerContents.replace(/\n/g, '\\n'))(require, __filename);
