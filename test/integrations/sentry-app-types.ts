/**
 * How a Sentry app passes its `@sentry/node` namespace to l0: type-checked against 11 (the dev
 * dependency) by `npm run typecheck`, and against 10 inside the app `scripts/test-sentry-10.sh`
 * installs (strict, as that app would). Not run.
 */
import * as Sentry from "@sentry/node";
import { createSentryIntegration, l0, sentryInterceptor, withSentry, type SentryHub } from "l0";
import { mockStreamFactory } from "l0/testing";

const hub: SentryHub = Sentry;
const interceptor = sentryInterceptor({ hub: Sentry, tags: { model: "gpt-4o" } });
const manual = createSentryIntegration({ hub });
manual.startExecution("chat", { user_id: "123" });

/** A call reported by both the interceptor and `withSentry`. */
export async function reportedCall(): Promise<string> {
  const result = await withSentry({ hub: Sentry }, () => l0({ stream: mockStreamFactory([["ok"]]), interceptors: [interceptor] }));
  let text = "";
  for await (const event of result.stream) if (event.type === "token") text += event.value;
  manual.completeExecution(result.telemetry);
  return text;
}
