// One Content-Security-Policy for the browser build (HTTP header) and the Electron app (header on
// its app:// protocol responses). Scripts only from the app itself, no inline scripts, no eval;
// images only from the app or data: URLs; no frames, objects, forms or remote connections.
// style-src allows inline styles because the component library sets CSS variables in style
// attributes; styles cannot run code, and dataset content is never rendered as HTML.
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "worker-src 'none'",
].join('; ');
