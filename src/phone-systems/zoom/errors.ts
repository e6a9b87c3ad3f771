/**
 * What a Zoom call can end in besides success. A refusal (a 4xx other than 401 and 429) is an expected answer and a
 * value; a Zoom that cannot be reached, keeps failing, or keeps saying "too many requests" is an outage and throws
 * ZoomUnavailable; credentials Zoom will not take throw ZoomCredentialsRefused, since no call can work until an
 * admin fixes them.
 */
export type ZoomRefusal = {
  status: number;
  /** Zoom's own error code (300 validation failed, 1001 no such user...), when the body carried one. */
  code: number | undefined;
  message: string;
  errors: { field?: string; message: string }[];
  /** Zoom's `x-zm-trackingid`, to quote when asking Zoom about a call. */
  trackingId: string | undefined;
};

export type ZoomResult<T> =
  | { ok: true; data: T; trackingId: string | undefined }
  | { ok: false; refusal: ZoomRefusal };

export class ZoomUnavailable extends Error {
  readonly code = 'ZOOM_UNAVAILABLE';
  constructor(
    message: string,
    readonly details: {
      method: string;
      path: string;
      attempts: number;
      status?: number;
      /** When Zoom said to come back (epoch ms), for a rate limit that outlasts what a call waits for. */
      retryAt?: number;
    },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ZoomUnavailable';
  }
}

export class ZoomCredentialsRefused extends Error {
  readonly code = 'ZOOM_CREDENTIALS_REFUSED';
  constructor(
    readonly status: number,
    /** Zoom's reason, e.g. "Invalid client_id or client_secret". */
    readonly reason: string,
  ) {
    super(`Zoom refused the Server-to-Server OAuth credentials (HTTP ${status}): ${reason}`);
    this.name = 'ZoomCredentialsRefused';
  }
}

/** The result of an openapi-fetch call as data or a refusal. Outages have already thrown in the client's fetch. */
export function settle<T>(result: { data?: T; error?: unknown; response: Response }): ZoomResult<T> {
  const trackingId = result.response.headers.get('x-zm-trackingid') ?? undefined;
  if (result.response.ok) return { ok: true, data: result.data as T, trackingId };
  return { ok: false, refusal: refusalOf(result.error, result.response) };
}

export function refusalOf(body: unknown, response: Response): ZoomRefusal {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof fields.code === 'number' ? fields.code : undefined;
  const message =
    typeof fields.message === 'string'
      ? fields.message
      : typeof body === 'string' && body.trim() !== ''
        ? body.trim().slice(0, 500)
        : `HTTP ${response.status}`;
  const errors = Array.isArray(fields.errors)
    ? fields.errors.flatMap((entry: unknown) => {
        if (typeof entry !== 'object' || entry === null) return [];
        const { field, message } = entry as Record<string, unknown>;
        if (typeof message !== 'string') return [];
        return [typeof field === 'string' ? { field, message } : { message }];
      })
    : [];
  return {
    status: response.status,
    code,
    message,
    errors,
    trackingId: response.headers.get('x-zm-trackingid') ?? undefined,
  };
}
