/** What a fake's server must do for one request: a response, possibly late, or a destroyed socket. */
export interface HttpResponsePlan {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** wait this long (real time) before answering */
  readonly delayMs?: number;
  /** destroy the socket instead of answering */
  readonly drop?: boolean;
}
