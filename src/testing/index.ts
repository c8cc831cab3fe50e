/**
 * `l0/testing`: fault-injecting mock streams and a local OpenAI-compatible streaming server,
 * the stand-in provider for tests, examples and the demo.
 * @packageDocumentation
 */

// --- mock streams ---

// --- local server ---
