import {
  HOST_CHANNELS,
  HOST_EVENTS,
  HOST_EVENT_NAMES,
  HOST_METHODS,
  type HostApi,
  type HostResult,
} from '../shared/contract';

export interface BridgeTransport {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  /** Listens on an event channel; returns the function that stops listening. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

const bridgeFailure: HostResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'The desktop host did not answer the request.' },
};

/**
 * Builds the frozen object exposed as window.dossierDesk: one function per contract method, each
 * invoking its own channel, and one subscription function per contract event. A transport failure
 * becomes a HostResult, so nothing throws across the bridge.
 */
export function buildHostApi(transport: BridgeTransport): HostApi {
  const api: Record<string, unknown> = {};
  for (const method of HOST_METHODS) {
    const channel = HOST_CHANNELS[method];
    api[method] = async (...args: unknown[]) => {
      try {
        return await transport.invoke(channel, ...args);
      } catch {
        return bridgeFailure;
      }
    };
  }
  for (const event of HOST_EVENT_NAMES) {
    const channel = HOST_EVENTS[event];
    api[event] = (listener: unknown) => {
      if (typeof listener !== 'function') return () => undefined;
      return transport.subscribe(channel, (payload) => (listener as (value: unknown) => void)(payload));
    };
  }
  return Object.freeze(api) as unknown as HostApi;
}
