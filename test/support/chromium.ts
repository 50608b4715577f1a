// Chromium from Debian (never a downloaded browser), as the browser tests and benchmarks drive it.
export const CHROMIUM = '/usr/bin/chromium';
/** Headless Chromium has no GPU here: WebGL needs SwiftShader, which recent Chrome no longer falls back to by itself. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader'];
