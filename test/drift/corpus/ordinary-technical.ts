/**
 * Ordinary technical answers (code, tables, data, docs, explanations with discourse phrases and hedges): not drift.
 */
export const ORDINARY_TECHNICAL: readonly { id: string; text: string }[] = [
  {
    id: "code-explanation-js",
    text: `The \`debounce\` helper delays a call until the caller has been quiet for a while.

\`\`\`js
function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
\`\`\`

Each call clears the previous timer, so only the last call within the window runs. Use it for search boxes and resize handlers, where you only care about the final value.`,
  },
  {
    id: "python-zeros-in-code",
    text: `To build a 5x5 grid of zeros without NumPy, use a list comprehension:

\`\`\`python
grid = [[0 for _ in range(5)] for _ in range(5)]
print(grid[0])  # [0, 0, 0, 0, 0]
identity = [
    [1, 0, 0, 0, 0],
    [0, 1, 0, 0, 0],
    [0, 0, 1, 0, 0],
    [0, 0, 0, 1, 0],
    [0, 0, 0, 0, 1],
]
\`\`\`

Avoid \`[[0] * 5] * 5\`: it repeats the same inner list five times, so changing one row changes all of them.`,
  },
  {
    id: "markdown-table",
    text: `Here is a comparison of the three options:

| Option | Latency | Cost | Notes |
|--------|---------|------|-------|
| Redis | 0.3 ms | $$ | In-memory, needs persistence settings |
| Postgres | 2 ms | $ | Durable, transactional |
| S3 | 40 ms | ¢ | Cheap, eventually consistent listings |
| DynamoDB | 5 ms | $$ | Managed, predictable at scale |

For a session store, Redis is the usual choice. For anything you cannot lose, keep the source of truth in Postgres and cache in Redis.`,
  },
  {
    id: "numbered-steps",
    text: `## Deploying the service

1. Build the image: \`docker build -t api:1.4 .\`
2. Push it to the registry: \`docker push registry.example.com/api:1.4\`
3. Update the tag in \`deploy/values.yaml\`.
4. Apply the release: \`helm upgrade api ./chart -f deploy/values.yaml\`.
5. Watch the rollout with \`kubectl rollout status deploy/api\`.

If the rollout stalls, check the readiness probe first; most failed deploys come from a probe that points at the wrong port.`,
  },
  {
    id: "hedged-it-depends",
    text: `It depends on your workload. If most of your queries are point lookups, a B-tree index will probably serve you well, and you might not need anything else. If you run many range scans over recent data, a BRIN index can be much smaller and nearly as fast. Generally, start with the default, measure with EXPLAIN ANALYZE, and only then consider alternatives. Results may vary with table size and hardware, so test on a copy of production data where you can.`,
  },
  {
    id: "legit-term-repetition",
    text: `The cache sits in front of the database. When a request arrives, the cache is checked first; if the cache has the key, the cache returns it immediately. If the cache misses, the service reads from the database and writes the value into the cache with a TTL. The cache evicts the least recently used entries when it is full. Monitoring the cache hit ratio tells you whether the cache is sized correctly: a cache with a hit ratio below 80% usually needs more memory or a better key design.`,
  },
  {
    id: "discourse-phrases",
    text: `Let me explain how the retry budget works. Each call gets a fixed number of model retries. To clarify, network retries do not use up that budget; only content problems such as a failed guardrail do. In other words, a flaky connection will not stop you from retrying a bad answer. To put it simply, the two budgets are independent. Let me explain one more detail: the hard cap still applies to the sum of both, so a call can never loop forever.`,
  },
  {
    id: "json-output",
    text: `{"name": "Ada Lovelace", "born": 1815, "fields": ["mathematics", "computing"], "notes": "Wrote the first published algorithm {for} Babbage's engine: \\"Note G\\".", "active": false, "children": null}`,
  },
  {
    id: "latex-math",
    text: `The quadratic formula gives the roots of $ax^2 + bx + c = 0$:

$$x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}$$

The discriminant $\\Delta = b^2 - 4ac$ decides the case: two real roots when $\\Delta > 0$, one repeated root when $\\Delta = 0$, and two complex roots otherwise. For example, $x^2 - 5x + 6 = 0$ has $\\Delta = 1$, so the roots are 2 and 3.`,
  },
  {
    id: "sql-answer",
    text: `Use a window function to keep the latest row per customer:

\`\`\`sql
SELECT *
FROM (
  SELECT o.*, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY created_at DESC) AS rn
  FROM orders o
) t
WHERE rn = 1;
\`\`\`

This scans the table once. An index on \`(customer_id, created_at DESC)\` lets Postgres avoid a sort.`,
  },
  {
    id: "mild-uncertainty",
    text: `I think the error comes from the import path. Node's ESM loader needs the file extension, so \`import { x } from "./util"\` fails where \`"./util.js"\` works. It is probably the only problem, but check that \`"type": "module"\` is set in package.json as well. If the error persists, paste the full stack trace and I can take a closer look.`,
  },
  {
    id: "api-parameters",
    text: `### Parameters

- \`timeout\` (number, optional): milliseconds before the request is aborted. Defaults to 30000.
- \`retries\` (number, optional): how many times a failed request is retried. Defaults to 2.
- \`headers\` (object, optional): extra headers sent with every request. Defaults to an empty object.
- \`signal\` (AbortSignal, optional): cancels the request when aborted. No default.
- \`baseUrl\` (string, required): the prefix for every relative path.

All options can also be set globally with \`configure()\`.`,
  },
  {
    id: "git-commands",
    text: `To undo the last commit but keep the changes, run \`git reset --soft HEAD~1\`. The files stay staged, so you can fix them and commit again. If you already pushed, prefer \`git revert HEAD\`, which adds a new commit instead of rewriting history. Use \`git log --oneline -5\` to confirm where you are before and after.`,
  },
  {
    id: "urls-and-ids",
    text: `Your deployment finished. The build id is 7f3a9c1e-42b8-4d1a-9e07-5c2b6f8d0a13 and the commit is 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b. You can view the logs at https://ci.example.com/builds/7f3a9c1e/logs?tab=summary and the artifact at https://cdn.example.com/releases/v2.8.1/app.tar.gz. The checksum (sha256) is listed next to the download link.`,
  },
  {
    id: "shell-output",
    text: `The test run output looks like this:

\`\`\`
PASS  test/a.test.ts
PASS  test/b.test.ts
PASS  test/c.test.ts
PASS  test/d.test.ts
PASS  test/e.test.ts
PASS  test/f.test.ts
Tests: 42 passed, 42 total
\`\`\`

All suites pass, so the failure you saw earlier was the flaky network test, which is now skipped in CI.`,
  },
  {
    id: "base64-in-code",
    text: `Encode the credentials with base64 and send them in the header:

\`\`\`http
GET /api/items HTTP/1.1
Authorization: Basic dXNlcm5hbWU6c3VwZXJzZWNyZXRwYXNzd29yZDEyMzQ1Njc4OTBxd2VydHl1aW9wYXNkZmdoamts
\`\`\`

Basic auth is only safe over HTTPS, since base64 is an encoding, not encryption.`,
  },
  {
    id: "typescript-generics",
    text: `A generic constraint keeps the function flexible while still type-safe:

\`\`\`ts
function pluck<T, K extends keyof T>(items: T[], key: K): T[K][] {
  return items.map((item) => item[key]);
}

const names = pluck([{ name: "a", age: 1 }], "name"); // string[]
\`\`\`

\`K extends keyof T\` means the key must exist on the item type, and \`T[K]\` is the type of that property, so the result is correctly typed without any casts.`,
  },
  {
    id: "acronyms-and-regex",
    text: `The gateway speaks HTTP, HTTPS, SMTP, SFTP and LDAPS. To validate an email address loosely, a pattern such as \`^[^\\s@]+@[^\\s@]+\\.[a-z]{2,}$\` is enough; stricter patterns reject valid addresses. For TLS, set \`minVersion: "TLSv1.2"\` and keep the CA bundle in \`/etc/ssl/certs\`. As an aside, the AI features in the admin panel use the same gateway.`,
  },
  {
    id: "formal-with-friendly-close",
    text: `The API uses cursor-based pagination. Each response contains a \`next_cursor\` field; pass it as the \`cursor\` query parameter to fetch the following page. When \`next_cursor\` is null, there are no more results. Cursors expire after 24 hours, therefore long-running exports should checkpoint their progress and restart from the last cursor if it has expired. Rate limits apply per API key rather than per endpoint, so parallel exports share the same budget. Consequently, it is advisable to run exports sequentially. Hope that helps! 😊`,
  },
  {
    id: "let-me-start-with",
    text: `Let me start with the basics. A promise represents a value that will exist later. You attach handlers with \`then\`, or you \`await\` it inside an async function. Once you are comfortable with that, let me explain error handling: a rejected promise skips the \`then\` handlers until it reaches a \`catch\`. In other words, \`catch\` works like the catch block of a try statement.`,
  },
  {
    id: "long-mixed-answer",
    text: `## Choosing a queue

There are three common choices, each with a different sweet spot. The table below summarises them, and the notes after it explain when each one fits.

| Queue | Ordering | Delivery | Ops burden |
|-------|----------|----------|------------|
| SQS | Best effort (FIFO optional) | At least once | None |
| RabbitMQ | Per queue | At least once | Medium |
| Kafka | Per partition | At least once, exactly once with transactions | High |

### When to use which
- **SQS** when you are on AWS and want zero operations.
- **RabbitMQ** when you need routing, priorities or delayed messages.
- **Kafka** when you need replay, very high throughput or stream processing.

### Example consumer

\`\`\`python
for message in queue.receive(max_messages=10):
    try:
        handle(message.body)
        message.delete()
    except TransientError:
        message.change_visibility(30)
\`\`\`

Whatever you pick, make consumers idempotent: every one of these systems can deliver a message twice. Store a processed-message id with a unique constraint, or design operations so that running them twice has the same effect as running them once. That single habit prevents most of the subtle bugs teams hit in their first year with queues, and it makes retries, replays and failovers safe by default.`,
  },
  {
    id: "json-records",
    text: JSON.stringify(
      Array.from({ length: 12 }, (_, i) => ({
        id: i,
        name: `item ${i}`,
        tags: ["alpha", "beta"],
        active: i % 2 === 0,
        hash: `${(i * 2654435761).toString(16)}f9c2e1d7b3a5`,
      })),
      null,
      2,
    ),
  },
];
