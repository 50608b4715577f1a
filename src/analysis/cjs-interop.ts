// graphology's metric and community packages are CommonJS with `export default` typings: under
// NodeNext TypeScript types a default import as the module object, while Node hands over
// module.exports itself. This returns the function either way, typed as the package declares it.
export function cjsDefault<T>(imported: { default: T }): T {
  return ((imported as unknown as { default?: T }).default ?? imported) as T;
}
