/**
 * Domain errors carry an HTTP status and a stable machine `code`; one handler (http-errors.ts)
 * turns them into problem+json. Services throw these and nothing else for expected refusals.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Extra members of the problem body (RFC 9457 extensions), e.g. `triesLeft`. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequest extends AppError {
  constructor(code: string, message: string) {
    super(400, code, message);
  }
}

export class Unauthorized extends AppError {
  constructor(message = "Sign in to continue.", code = "unauthorized") {
    super(401, code, message);
  }
}

export class Forbidden extends AppError {
  constructor(code: string, message: string) {
    super(403, code, message);
  }
}

/** Also the answer for what exists but is not visible to the caller: existence never leaks. */
export class NotFound extends AppError {
  constructor(what = "resource", code = "not_found") {
    super(404, code, `No such ${what}.`);
  }
}

export class Conflict extends AppError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}

export class Unprocessable extends AppError {
  constructor(code: string, message: string) {
    super(422, code, message);
  }
}

export class RateLimited extends AppError {
  constructor(retryAfterSeconds: number) {
    super(429, "rate_limited", "Too many attempts. Try again later.", {
      "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))),
    });
  }
}
