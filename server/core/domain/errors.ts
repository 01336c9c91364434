// Small typed errors thrown by domain code, repositories and routes. The single error handler
// (plugins/app/error-handler.ts) maps them to the `{ statusCode, error, message, reqId }` envelope.
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: input that passed the schema but breaks a rule; `field` names the offending input. */
export class InvalidInputError extends AppError {
  constructor(field: string, message: string) {
    super(400, `${field} ${message}`, field);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Authentication required') {
    super(401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do this') {
    super(403, message);
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string | number) {
    super(404, `${entity} ${id} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, field?: string) {
    super(409, message, field);
  }
}

/** 503: a dependency (PostgreSQL, Redis) is unreachable; says which, never how. */
export class DependencyDownError extends AppError {
  constructor(readonly dependency: string) {
    super(503, `${dependency} is unavailable, try again shortly`);
  }
}

/** 429: a bounded resource is fully in use right now (say which); the caller should try again in a few seconds. */
export class BusyError extends AppError {
  constructor(message: string) {
    super(429, message);
  }
}
