import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError } from "./errors.ts";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  423: "Locked",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export interface ProblemFields {
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
  extensions?: Record<string, unknown>;
}

export function sendProblem(reply: FastifyReply, p: ProblemFields) {
  const title = TITLES[p.status] ?? "Error";
  return reply
    .status(p.status)
    .type("application/problem+json; charset=utf-8")
    .send({
      type: `https://agora.dev/problems/${p.code.replaceAll("_", "-")}`,
      title,
      status: p.status,
      detail: p.detail,
      code: p.code,
      ...(p.errors ? { errors: p.errors } : {}),
      ...p.extensions,
    });
}

/** Fastify's own error codes that mean "the client sent something wrong". */
const FASTIFY_CLIENT_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: "payload_too_large",
    detail: "The body is larger than allowed.",
  },
  FST_REQ_FILE_TOO_LARGE: {
    status: 413,
    code: "payload_too_large",
    detail: "The file is larger than allowed.",
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: "unsupported_media_type",
    detail: "Send JSON with content-type application/json.",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: "validation_failed", detail: "The JSON body is empty." },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: "malformed_json",
    detail: "The body is not valid JSON.",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: "bad_request", detail: "Invalid content-length." },
  FST_ERR_VALIDATION: { status: 400, code: "validation_failed", detail: "The request is not valid." },
};

/** One place that maps every error to problem+json; 5xx never carry details of the failure. */
export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      reply.headers(error.headers);
      return sendProblem(reply, {
        status: error.status,
        code: error.code,
        detail: error.message,
        extensions: error.extensions,
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        path: `${error.validationContext ?? "body"}${v.instancePath.replaceAll("/", ".")}`,
        message: v.message ?? "invalid",
      }));
      const first = errors[0];
      return sendProblem(reply, {
        status: 400,
        code: "validation_failed",
        detail: first ? `${first.path}: ${first.message}` : "The request is not valid.",
        errors,
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, "response did not match its schema");
      return sendProblem(reply, {
        status: 500,
        code: "internal_error",
        detail: "Something went wrong on our side.",
      });
    }
    const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (known) return sendProblem(reply, known);
    if (error.statusCode === 429) {
      return sendProblem(reply, {
        status: 429,
        code: "rate_limited",
        detail: "Too many requests. Try again later.",
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, { status: error.statusCode, code: "bad_request", detail: error.message });
    }
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(reply, {
      status: 500,
      code: "internal_error",
      detail: "Something went wrong on our side.",
    });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      status: 404,
      code: "route_not_found",
      detail: `No route ${request.method} ${request.url.split("?")[0]}.`,
    }),
  );
}
