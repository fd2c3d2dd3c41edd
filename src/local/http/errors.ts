/** OpenAI's error body: `{error: {message, type, param, code}}`, with the HTTP status it travels with. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string = 'invalid_request_error',
    readonly param: string | null = null,
    readonly code: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const badRequest = (message: string, param: string | null = null, code: string | null = null): ApiError =>
  new ApiError(400, message, 'invalid_request_error', param, code);

export const notFound = (what: string, id: string): ApiError =>
  new ApiError(404, `No ${what} found with id '${id}'.`, 'invalid_request_error', null, null);

export const modelNotFound = (model: string): ApiError =>
  new ApiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model', 'model_not_found');

export const unauthorized = (message = 'Incorrect API key provided.'): ApiError =>
  new ApiError(401, message, 'invalid_request_error', null, 'invalid_api_key');

export const rateLimited = (retryAfterSeconds: number): ApiError =>
  new ApiError(429, 'Rate limit reached. Please try again later.', 'requests', null, 'rate_limit_exceeded', {
    'retry-after': String(retryAfterSeconds),
  });

export const serverError = (status = 500): ApiError =>
  new ApiError(status, 'The server had an error while processing your request. Sorry about that!', 'server_error', null, status === 503 ? 'server_is_overloaded' : 'server_error');

export function requireString(value: unknown, param: string): string {
  if (typeof value !== 'string' || value === '') throw badRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
  return value;
}
