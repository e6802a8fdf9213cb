import {
  NoResponseError,
  sendRequest as sendHttpRequest,
  type HttpRequest as KitHttpRequest,
  type HttpResponse,
  type SendOptions,
} from '@sentiment-ingest/scraper-kit';
import { RedditNetworkError, type RedditEndpoint } from './errors';

export { BodyTooLargeError, type FetchLike, type HttpResponse, type SendOptions } from '@sentiment-ingest/scraper-kit';

/** One HTTP request to Reddit, named by its endpoint for errors and metrics. */
export interface HttpRequest extends KitHttpRequest {
  readonly endpoint: RedditEndpoint;
}

/**
 * The kit's `sendRequest` (timeout, caller's signal, body limit, no redirects: a redirect from
 * `/r/x` means x is missing), with "no response" named as Reddit's {@link RedditNetworkError}.
 */
export async function sendRequest(request: HttpRequest, options: SendOptions): Promise<HttpResponse> {
  try {
    return await sendHttpRequest(request, options);
  } catch (error) {
    if (error instanceof NoResponseError) {
      throw new RedditNetworkError({ endpoint: request.endpoint, timedOut: error.timedOut }, { cause: error.cause });
    }
    throw error;
  }
}
