/**
 * Labelled corpus: ordinary answers that are NOT drift. Varied styles on purpose: code, lists,
 * tables, casual chat, formal prose, hedged answers, legitimate repetition, discourse phrases that
 * an earlier heuristic mistook for drift ("to clarify", "in other words", "let me explain",
 * "Here is the summary:").
 */
export const ORDINARY: readonly { id: string; text: string }[] = [
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
    id: "casual-chat",
    text: `Haha yeah, totally get it! Mondays are rough. Honestly I'd just grab a coffee, put on some music and knock out the small stuff first, you know? Once the easy wins are done the big task feels way less scary. And hey, if it still feels like too much by lunch, take a walk, it kinda resets your brain. You got this! Let me know how it goes, and if you want I can help you break the big task into smaller pieces so it's easier to start.`,
  },
  {
    id: "formal-prose",
    text: `The committee has reviewed the proposal in detail. The projected savings rest on two assumptions: that demand remains stable through the next fiscal year, and that the supplier honours the negotiated rate. Both are plausible; neither is guaranteed. Therefore, the committee recommends approval subject to a review at the six-month mark. Furthermore, it advises that the contract include a termination clause should the supplier's rate increase by more than five percent. Consequently, the department retains flexibility while capturing most of the expected benefit. The committee thanks the authors for a thorough and well-documented submission.`,
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
    id: "here-is-the-summary",
    text: `Here is the summary:

The quarterly report shows revenue up 12% year over year, driven mainly by the enterprise segment. Operating costs rose 4%, mostly hiring in support. Churn fell from 3.1% to 2.4% after the onboarding changes. The main risk flagged is dependence on two large customers, who together account for 31% of revenue. The board approved the hiring plan for next quarter.`,
  },
  {
    id: "discourse-phrases",
    text: `Let me explain how the retry budget works. Each call gets a fixed number of model retries. To clarify, network retries do not use up that budget; only content problems such as a failed guardrail do. In other words, a flaky connection will not stop you from retrying a bad answer. To put it simply, the two budgets are independent. Let me explain one more detail: the hard cap still applies to the sum of both, so a call can never loop forever.`,
  },
  {
    id: "json-output",
    text: `{"name": "Ada Lovelace", "born": 1815, "fields": ["mathematics", "computing"], "notes": "Wrote the first published algorithm {for} Babbage's engine: \\"Note G\\".", "active": false, "children": null}`,
  },
  { id: "short-answer", text: `42` },
  {
    id: "recipe-lists",
    text: `### Ingredients
- 200 g flour
- 2 eggs
- 300 ml milk
- a pinch of salt
- butter for the pan

### Method
1. Whisk the flour and salt, then add the eggs.
2. Pour in the milk gradually, whisking until smooth.
3. Rest the batter for 20 minutes.
4. Heat a little butter and cook each pancake for about a minute per side.

Serve with lemon and sugar, or with whatever you like best.`,
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
    id: "poem-with-refrain",
    text: `The river keeps its counsel in the night.
It carries every lantern to the sea.
And still the water whispers, let it be.

The fishermen go home beneath the light.
Their nets are folded, heavy, silver, free.
And still the water whispers, let it be.

The morning comes in grey and then in white.
The town wakes up and hurries to its tea.
And still the water whispers, let it be.`,
  },
  {
    id: "support-reply",
    text: `Thank you for reaching out, and I'm sorry for the trouble with your order. I've checked the tracking number you sent: the parcel left our warehouse on Tuesday and is currently at the regional hub. Deliveries from that hub usually take one to two business days. If it has not arrived by Friday, reply to this email and we will send a replacement at no cost. We appreciate your patience.`,
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
    id: "long-formal-essay",
    text: `The history of the printing press is often told as a story of a single invention, but the transformation it set in motion depended on a web of conditions that had little to do with the press itself. Paper had become cheap enough to print on in volume; a literate urban class wanted books it could own; merchants had learned to finance risky ventures; and a network of trade fairs allowed printers to sell beyond their own towns. Without any one of these, the press might have remained a curiosity. Historians therefore increasingly describe the period not as a revolution caused by a machine, but as a gradual reorganisation of how knowledge was produced, sold, and trusted. The press accelerated changes that were already under way, and it was those changes, rather than the mechanism of movable type, that reshaped European intellectual life over the following two centuries.`,
  },
  {
    id: "bilingual",
    text: `"Good morning" in a few languages:

- French: Bonjour, comment allez-vous ?
- German: Guten Morgen, wie geht es Ihnen?
- Japanese: おはようございます、お元気ですか。
- Chinese: 早上好，你好吗？
- Polish: Dzień dobry, jak się masz?

In most of these, the greeting changes after noon, so use the afternoon form once lunch is over.`,
  },
  {
    id: "urls-and-ids",
    text: `Your deployment finished. The build id is 7f3a9c1e-42b8-4d1a-9e07-5c2b6f8d0a13 and the commit is 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b. You can view the logs at https://ci.example.com/builds/7f3a9c1e/logs?tab=summary and the artifact at https://cdn.example.com/releases/v2.8.1/app.tar.gz. The checksum (sha256) is listed next to the download link.`,
  },
  {
    id: "casual-with-emoji",
    text: `Ooh nice, congrats on the new job!! 🎉 That's awesome. For the first week I'd keep it simple: learn names, ask lots of questions, and write down how things are done there before suggesting changes 😄. Most teams love a newcomer who listens first. Also, bring snacks, works every time lol. Good luck, you're gonna do great!`,
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
    id: "headings-then-conclusion",
    text: `## Pros
- Fast cold starts
- Small bundles
- Good TypeScript support

## Cons
- Smaller ecosystem
- Fewer hosting guides

## Verdict
For a new internal tool, the trade-off is worth it. The ecosystem is smaller, but the parts you need are mature, and the speed difference is noticeable in day-to-day work. If you expect many outside contributors, though, the more popular option lowers the barrier to entry, which may matter more than raw performance.`,
  },
  {
    id: "same-prefix-list",
    text: `A few habits that make code reviews faster:

- Use small pull requests so reviewers can read them in one sitting.
- Use descriptive titles so the purpose is clear from the list view.
- Use draft status while the work is still moving.
- Use the description to explain why, not what.
- Use suggestions in comments for small fixes instead of long explanations.

The common thread: make the reviewer's job easy and you get faster, better feedback.`,
  },
  {
    id: "narrative",
    text: `Mara pushed the door open and the smell of old paper rolled out to meet her. "Hello?" she called. Nobody answered. Shelves ran up to the ceiling, bent under the weight of atlases and ledgers. Wow, she thought, nobody has been here in years. She found the desk at the back, exactly where the letter said it would be, and under the blotter, a key. It was smaller than she expected, and warm, as if someone had been holding it a moment ago.`,
  },
  {
    id: "helpful-closing",
    text: `You can convert the timestamp with \`new Date(seconds * 1000).toISOString()\`. JavaScript dates use milliseconds, which is why the factor of 1000 is needed; forgetting it gives a date in January 1970. If you need a specific time zone, use \`Intl.DateTimeFormat\` with the \`timeZone\` option. I hope this helps! Let me know if you have any other questions.`,
  },
  {
    id: "math-reasoning",
    text: `Start with the total: 3 boxes of 12 is 36 apples. Two boxes lose 4 apples each, so 36 - 8 = 28 remain. Then 28 apples are shared among 7 children, which gives 28 / 7 = 4 apples each. Check: 7 × 4 = 28, and 28 + 8 = 36, which matches the starting total. So each child gets 4 apples.`,
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
    id: "faq",
    text: `**Q: Can I change my plan later?**
A: Yes. Upgrades apply immediately; downgrades apply at the next billing date.

**Q: Do you offer refunds?**
A: Annual plans can be refunded within 30 days. Monthly plans are not refunded.

**Q: Is there a free trial?**
A: Yes, 14 days, no card required.`,
  },
  {
    id: "one-hedge",
    text: `I'm not sure which version you have, but in recent releases the setting moved from the General tab to Advanced. Open Settings, choose Advanced, and look for "Proxy". If it's not there, you may be on an older build; in that case the option is under Network. Updating to the latest version is a good idea either way, since it fixes a proxy authentication bug.`,
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
    text: `The gateway speaks HTTP, HTTPS, SMTP, SFTP and LDAPS. To validate an email address loosely, a pattern such as \`^[^\s@]+@[^\s@]+\.[a-z]{2,}$\` is enough; stricter patterns reject valid addresses. For TLS, set \`minVersion: "TLSv1.2"\` and keep the CA bundle in \`/etc/ssl/certs\`. As an aside, the AI features in the admin panel use the same gateway.`,
  },
  {
    id: "formal-with-friendly-close",
    text: `The API uses cursor-based pagination. Each response contains a \`next_cursor\` field; pass it as the \`cursor\` query parameter to fetch the following page. When \`next_cursor\` is null, there are no more results. Cursors expire after 24 hours, therefore long-running exports should checkpoint their progress and restart from the last cursor if it has expired. Rate limits apply per API key rather than per endpoint, so parallel exports share the same budget. Consequently, it is advisable to run exports sequentially. Hope that helps! 😊`,
  },
  {
    id: "soft-hedges",
    text: `Maybe the simplest option is to cache the token. I think it probably expires after an hour, and perhaps the library refreshes it for you. It might be worth checking the docs, since it seems the default changed in version 3. Possibly you will not need any code at all.`,
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
    id: "footer-symbols",
    text: `Thanks for your order! Your invoice number is INV-2024-0042 and the total was €129.00 including VAT. The licence covers one seat for twelve months and renews automatically unless cancelled. Keep this email for your records.

© 2024 Acme GmbH · Registered trademark ® · All rights reserved · Terms · Privacy`,
  },
  {
    id: "json-records",
    text: JSON.stringify(
      Array.from({ length: 12 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ["alpha", "beta"], active: i % 2 === 0, hash: `${(i * 2654435761).toString(16)}f9c2e1d7b3a5` })),
      null,
      2,
    ),
  },
];
