import { type Ports, TOKENS } from '@docent/domain';
import type { Container } from 'inversify';

/** Binds every port given as a constant under its token; extra keys (such as a store's `close`) are ignored. */
export const bindPorts = (container: Container, ports: Ports): void => {
  for (const name of Object.keys(ports) as (keyof Ports)[]) {
    const port = ports[name];
    if (name in TOKENS && port !== undefined) container.bind(TOKENS[name]).toConstantValue(port);
  }
};
