/**
 * The device's WebGL renderer, for `auto` (see compiler/runtime/choose-backend.ts): a real
 * GPU, or WebGL done on the CPU (SwiftShader, llvmpipe). Read in the training worker from a
 * throwaway 1x1 canvas whose context is released at once, so it holds no GPU memory.
 */

/** The unmasked renderer string, the masked one where the browser hides it, null without WebGL. */
export function webglRenderer(): string | null {
  try {
    if (typeof OffscreenCanvas === 'undefined') return null;
    const canvas = new OffscreenCanvas(1, 1);
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}
