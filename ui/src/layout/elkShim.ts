// Must be imported before elkjs in the layout worker. elk.bundled.js treats any context
// without `document` as "I am the ELK worker" and hijacks self.onmessage instead of
// exporting its in-process engine; a stub `document` makes it export the engine so this
// worker can speak its own protocol. Nothing in ELK reads the stub.
const scope = globalThis as unknown as { document?: unknown };
if (typeof scope.document === 'undefined') scope.document = {};
export {};
