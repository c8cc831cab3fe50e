/**
 * Ordinary general answers (chat, formal prose, stories, poems, support replies, lists, other languages): not drift.
 */
export const ORDINARY_GENERAL: readonly { id: string; text: string }[] = [
  {
    id: "casual-chat",
    text: `Haha yeah, totally get it! Mondays are rough. Honestly I'd just grab a coffee, put on some music and knock out the small stuff first, you know? Once the easy wins are done the big task feels way less scary. And hey, if it still feels like too much by lunch, take a walk, it kinda resets your brain. You got this! Let me know how it goes, and if you want I can help you break the big task into smaller pieces so it's easier to start.`,
  },
  {
    id: "formal-prose",
    text: `The committee has reviewed the proposal in detail. The projected savings rest on two assumptions: that demand remains stable through the next fiscal year, and that the supplier honours the negotiated rate. Both are plausible; neither is guaranteed. Therefore, the committee recommends approval subject to a review at the six-month mark. Furthermore, it advises that the contract include a termination clause should the supplier's rate increase by more than five percent. Consequently, the department retains flexibility while capturing most of the expected benefit. The committee thanks the authors for a thorough and well-documented submission.`,
  },
  {
    id: "here-is-the-summary",
    text: `Here is the summary:

The quarterly report shows revenue up 12% year over year, driven mainly by the enterprise segment. Operating costs rose 4%, mostly hiring in support. Churn fell from 3.1% to 2.4% after the onboarding changes. The main risk flagged is dependence on two large customers, who together account for 31% of revenue. The board approved the hiring plan for next quarter.`,
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
    id: "casual-with-emoji",
    text: `Ooh nice, congrats on the new job!! 🎉 That's awesome. For the first week I'd keep it simple: learn names, ask lots of questions, and write down how things are done there before suggesting changes 😄. Most teams love a newcomer who listens first. Also, bring snacks, works every time lol. Good luck, you're gonna do great!`,
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
    id: "soft-hedges",
    text: `Maybe the simplest option is to cache the token. I think it probably expires after an hour, and perhaps the library refreshes it for you. It might be worth checking the docs, since it seems the default changed in version 3. Possibly you will not need any code at all.`,
  },
  {
    id: "footer-symbols",
    text: `Thanks for your order! Your invoice number is INV-2024-0042 and the total was €129.00 including VAT. The licence covers one seat for twelve months and renews automatically unless cancelled. Keep this email for your records.

© 2024 Acme GmbH · Registered trademark ® · All rights reserved · Terms · Privacy`,
  },
];
