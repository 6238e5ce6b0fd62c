/** A scripted server: answers from a list, records exactly what the client sent. */
export function scripted(answers: ((method: string, url: URL) => unknown)[]) {
  const sent: { method: string; url: string; body: unknown }[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    sent.push({
      method,
      url: `${url.pathname}${url.search}`,
      body: init?.body === undefined ? undefined : JSON.parse(String(init.body)),
    });
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`unexpected ${method} ${url}`);
    const body = answer(method, url);
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status: body === undefined ? 204 : 200,
      headers: { 'content-type': 'application/scim+json' },
    });
  };
  return { sent, fetcher };
}

/** A ListResponse answer holding `resources`; totalResults counts them unless `extra` says otherwise. */
export const list =
  (resources: unknown[], extra: Record<string, unknown> = {}) =>
  () => ({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: resources.length,
    Resources: resources,
    ...extra,
  });
