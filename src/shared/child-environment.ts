// The environment a `pintos-vm` child process is started with. pintos-vm never opens a TLS
// connection, yet with NODE_EXTRA_CA_CERTS set Node 20 builds its whole certificate store while
// it starts: about 35 ms of CPU per process here, twice what the rest of Node's start-up costs,
// paid again by every test of a test set.

/** A copy of `env` for a pintos-vm child: everything but NODE_EXTRA_CA_CERTS. */
export function pintosVmEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.NODE_EXTRA_CA_CERTS;
  return copy;
}
