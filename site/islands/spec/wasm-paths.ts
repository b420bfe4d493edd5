/// <reference types="vite/client" />
/**
 * The WebAssembly binaries of tfjs-backend-wasm, served by the site itself: Vite's `?url`
 * imports emit them into dist/ (with hashed names), so training works offline and no CDN
 * is contacted. tfjs picks the plain, SIMD or threaded-SIMD binary by what the browser
 * supports, so all three are listed.
 */
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** Absolute URLs: the worker's base URL is its own script, not the page. */
export const WASM_PATHS = {
  'tfjs-backend-wasm.wasm': new URL(plain, self.location.href).href,
  'tfjs-backend-wasm-simd.wasm': new URL(simd, self.location.href).href,
  'tfjs-backend-wasm-threaded-simd.wasm': new URL(threadedSimd, self.location.href).href,
};
