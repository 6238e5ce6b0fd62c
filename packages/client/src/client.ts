import { Transport, type TransportOptions } from './transport.js';
import { UnsupportedByProvider } from './profiles.js';
import { ResourceClient } from './resources.js';

export const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

export interface BulkOperation {
  readonly method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly bulkId?: string;
  readonly version?: string;
  readonly data?: unknown;
}

export interface BulkResult {
  readonly method: string;
  readonly bulkId?: string;
  readonly location?: string;
  readonly status: string;
  readonly response?: unknown;
}

/**
 * A SCIM 2.0 client for one service provider: `resources('/Users')` for each endpoint, /Bulk,
 * discovery, and a connection test. The generated client wraps it with the schemas' types.
 */
export class ScimClient {
  readonly transport: Transport;

  constructor(options: TransportOptions) {
    this.transport = new Transport(options);
  }

  resources<R = Record<string, unknown>, C = Record<string, unknown>, P = C>(
    endpoint: string,
  ): ResourceClient<R, C, P> {
    return new ResourceClient<R, C, P>(this.transport, endpoint.startsWith('/') ? endpoint : `/${endpoint}`);
  }

  async bulk(
    operations: readonly BulkOperation[],
    options: { failOnErrors?: number } = {},
  ): Promise<readonly BulkResult[]> {
    if (this.transport.profile.bulk === false)
      throw new UnsupportedByProvider(`${this.transport.profile.name} has no /Bulk: send the operations one by one`);
    const response = await this.transport.request('POST', '/Bulk', {
      body: {
        schemas: [BULK_REQUEST],
        ...(options.failOnErrors !== undefined ? { failOnErrors: options.failOnErrors } : {}),
        Operations: operations,
      },
    });
    return ((response.body as { Operations?: BulkResult[] }).Operations ?? []) as readonly BulkResult[];
  }

  async serviceProviderConfig(): Promise<Record<string, unknown>> {
    return (
      await this.transport.request('GET', this.transport.profile.serviceProviderConfigPath ?? '/ServiceProviderConfig')
    ).body as Record<string, unknown>;
  }

  async schemas(): Promise<readonly Record<string, unknown>[]> {
    return (
      ((await this.transport.request('GET', '/Schemas')).body as { Resources?: Record<string, unknown>[] }).Resources ??
      []
    );
  }

  async resourceTypes(): Promise<readonly Record<string, unknown>[]> {
    return (
      ((await this.transport.request('GET', '/ResourceTypes')).body as { Resources?: Record<string, unknown>[] })
        .Resources ?? []
    );
  }

  /**
   * Whether the server answers SCIM with these credentials: its ServiceProviderConfig, read. The
   * error it throws says what is wrong (401, a network failure, not SCIM).
   */
  async testConnection(): Promise<{ readonly ok: true; readonly serviceProviderConfig: Record<string, unknown> }> {
    const config = await this.serviceProviderConfig();
    const schemas = config['schemas'];
    if (!Array.isArray(schemas) || !schemas.includes('urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'))
      throw new Error(`${this.transport.baseUrl}/ServiceProviderConfig is not a SCIM ServiceProviderConfig`);
    return { ok: true, serviceProviderConfig: config };
  }
}
