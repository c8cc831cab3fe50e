/**
 * Labelled corpus: answers that drift mid-stream. `type` is the kind of drift the text shows (the
 * detector may report others too).
 */
import type { DriftType } from "../../../src/types/drift.js";

const INTRO_FORMAL = `The migration plan has three phases. First, the schema is extended with nullable columns so that old and new code can run side by side. Second, a background job backfills the new columns in batches of ten thousand rows, throttled to keep replication lag under one second. Third, once the backfill is verified, the application switches to the new columns and the old ones are dropped in a later release. Each phase can be rolled back independently. `;
const INTRO_CODE = `To read a file line by line in Node.js, use the readline module with a stream, so memory stays flat even for large files:

\`\`\`js
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

const rl = createInterface({ input: createReadStream("big.log") });
for await (const line of rl) handle(line);
\`\`\`

`;
const INTRO_LIST = `## Setup

1. Install the CLI with \`npm i -g tool\`.
2. Run \`tool init\` in your project.
3. Edit \`tool.config.json\` to set the output folder.
`;

/** Drifting answers. */
export const DRIFTING: readonly { id: string; type: DriftType; text: string }[] = [
  // --- meta commentary -------------------------------------------------------------------
  {
    id: "meta-as-an-ai",
    type: "meta_commentary",
    text: `${INTRO_FORMAL}As an AI language model, I cannot guarantee that this plan fits your database, but the phases above are common practice.`,
  },
  {
    id: "meta-just-an-ai",
    type: "meta_commentary",
    text: `The best time to visit Kyoto is spring or autumn. Of course, I'm just an AI and I have never been there myself, so take local advice too.`,
  },
  {
    id: "meta-no-internet",
    type: "meta_commentary",
    text: `The current exchange rate moves every minute. I don't have access to real-time data, so check a live source before converting large amounts.`,
  },
  {
    id: "meta-training-data",
    type: "meta_commentary",
    text: `${INTRO_CODE}Note that my training data only goes up to a certain point, so newer Node versions may offer a better API.`,
  },
  {
    id: "meta-start-over",
    type: "meta_commentary",
    text: `The derivative of x^3 is 2x^2. Wait, that's wrong. Let me start over: the derivative of x^3 is 3x^2, by the power rule.`,
  },
  {
    id: "meta-scratch-that",
    type: "meta_commentary",
    text: `Set the timeout to 30 seconds in the config. Actually, scratch that, the option lives in the environment file, not in the config, and it is called REQUEST_TIMEOUT.`,
  },
  {
    id: "meta-ignore-previous",
    type: "meta_commentary",
    text: `The capital of Australia is Sydney. Please ignore my previous answer: the capital of Australia is Canberra, chosen as a compromise between Sydney and Melbourne.`,
  },
  {
    id: "meta-language-model",
    type: "meta_commentary",
    text: `${INTRO_LIST}4. Run \`tool build\`.\n\nAs a large language model I can't run these commands for you, but they should work on any recent system.`,
  },
  {
    id: "meta-not-able-continue",
    type: "meta_commentary",
    text: `${INTRO_FORMAL}I'm not able to continue with the rest of this plan because it requires details about your infrastructure.`,
  },

  // --- tone shift ------------------------------------------------------------------------
  {
    id: "tone-formal-to-slang",
    type: "tone_shift",
    text: `${INTRO_FORMAL}Anyway lol, that's basically it dude. Honestly it's gonna be fine, yeah, just yolo the backfill and see what happens haha. Nah don't worry about the lag tbh, it'll sort itself out!!`,
  },
  {
    id: "tone-formal-to-shouting",
    type: "tone_shift",
    text: `${INTRO_FORMAL}DO NOT SKIP THE BACKFILL VERIFICATION UNDER ANY CIRCUMSTANCES. IF YOU DROP THE OLD COLUMNS EARLY YOU WILL LOSE DATA AND THERE IS NO WAY BACK FROM THAT.`,
  },
  {
    id: "tone-report-to-emoji",
    type: "tone_shift",
    text: `The audit covered forty-two services. Thirty-eight passed all controls, three had minor findings related to log retention, and one service lacked encryption at rest for a legacy backup bucket. Remediation owners have been assigned, with deadlines ranging from two to six weeks. The overall risk rating for the quarter is therefore unchanged at moderate. Detailed findings are attached in the appendix for each service. OMG 😂😂 this audit was sooo boring lol 🔥🔥 yeah whatever, ship it bro 💯`,
  },

  // --- repetition ------------------------------------------------------------------------
  {
    id: "rep-sentence-loop",
    type: "repetition",
    text: `The function returns the first match. ${"If no element matches, it returns undefined. ".repeat(6)}`,
  },
  {
    id: "rep-phrase-loop",
    type: "repetition",
    text: `To fix the build, you need to ${"update the lock file and then ".repeat(8)}run the tests.`,
  },
  { id: "rep-word-stutter", type: "repetition", text: `The answer is the ${"the ".repeat(20)}value stored in the register.` },
  {
    id: "rep-paragraph-loop",
    type: "repetition",
    text: `${INTRO_CODE}${"This approach keeps memory usage low because each line is processed and discarded before the next one is read. It also works with files larger than the available memory. ".repeat(4)}`,
  },
  {
    id: "rep-list-loop",
    type: "repetition",
    text: `${INTRO_LIST}${"4. Run the build again and check the output folder for the generated files.\n".repeat(4)}`,
  },
  {
    id: "rep-casual-loop",
    type: "repetition",
    text: `Sure, happy to help! ${"Let me know if there is anything else I can do for you today. ".repeat(5)}`,
  },

  // --- entropy spike / gibberish -------------------------------------------------------------
  {
    id: "entropy-keyboard-mash",
    type: "entropy_spike",
    text: `${INTRO_FORMAL}sdkjfh qwrtpl zxcvbnm hjklqw prtsdfg mnbvcx wqzrtp lkjhgf dsfgrt xcvbqwr plmkjn bvcxzr`,
  },
  {
    id: "entropy-symbol-noise",
    type: "entropy_spike",
    text: `${INTRO_FORMAL}#%k9@!Lq$2^zP*7&vX~]3{;Bn8|Qw)e_R+4<Tu>5?Yi/6'Oa"1=Sd\\0[Fg,Hj.Kl:Zx(Cv%Bn@Mq#Wr$Et^Yu&Io*Pa!Sd~Fg`,
  },
  {
    id: "entropy-replacement-chars",
    type: "entropy_spike",
    text: `${INTRO_FORMAL}The result is \uFFFD\uFFFD\u0001\uFFFD decoded \uFFFD\u0002 from the stream \uFFFD\uFFFD.`,
  },
  {
    id: "entropy-random-letters",
    type: "entropy_spike",
    text: `The recipe needs flour, sugar and eggs. Then mix xkqvbt prlmnz wqtzsd vbnmkl hgfdsq zxwvtr qplmnk and bake.`,
  },
  {
    id: "entropy-token-salad",
    type: "entropy_spike",
    text: `${INTRO_CODE}Then ctrlzx bnmqwrt fghjkl dfgh vbnmz qwrtz xcvbn plkjh trewq nbvcx kjhgf and done.`,
  },

  // --- format collapse -------------------------------------------------------------------
  {
    id: "format-json-prose-inside",
    type: "format_collapse",
    text: `{"users": [{"id": 1, "name": "Ann"}, {"id": 2, Sorry I cannot produce the rest of this list because it is too long`,
  },
  {
    id: "format-json-trailing-prose",
    type: "format_collapse",
    text: `{"status": "ok", "items": [1, 2, 3]}\n\nI hope this JSON helps! Let me know if you need the items explained.`,
  },
  {
    id: "format-json-array-breaks",
    type: "format_collapse",
    text: `[{"city": "Paris", "pop": 2100000}, {"city": "Lyon", "pop": 513000}, and so on for the other cities in France]`,
  },

  // --- markdown collapse -----------------------------------------------------------------
  {
    id: "md-list-runs-together",
    type: "markdown_collapse",
    text: `${INTRO_LIST}4. Run the build. 5. Check the output folder. 6. Deploy the folder to your host. 7. Verify the site loads.`,
  },
  {
    id: "md-headings-inline",
    type: "markdown_collapse",
    text: `## Overview\n- Fast\n- Simple\n- Typed\n\nThe library is small. ## Installation Run npm install. ## Usage Import the default export and call it.`,
  },
  {
    id: "md-bullets-inline",
    type: "markdown_collapse",
    text: `### Checklist\n- Back up the database\n- Announce the maintenance window\n- Scale down the workers\nThen: - Run the migration - Verify the row counts - Scale the workers back up.`,
  },

  // --- hedging ---------------------------------------------------------------------------
  {
    id: "hedge-spiral",
    type: "hedging",
    text: `The bug is in the parser, I think. But I'm not sure, I might be wrong about that. Maybe it's the lexer instead, hard to say. I'm not certain the stack trace is complete either, so don't quote me on this. Possibly it's a race, perhaps not.`,
  },
  {
    id: "hedge-after-answer",
    type: "hedging",
    text: `${INTRO_FORMAL}That said, I'm not entirely sure this applies to your setup. I could be wrong about the batch size, and I can't be certain the lag stays under a second. Take this with a grain of salt; I don't really know your traffic.`,
  },
  {
    id: "hedge-uncertain-facts",
    type: "hedging",
    text: `The treaty was signed in 1648, I guess, though I'm unsure. It might have been 1649, who knows. I'm not confident about the location either, maybe Münster, maybe Osnabrück, hard to say.`,
  },
  // --- hard cases (kept to keep the recall figure honest; some are expected misses) --------
  {
    id: "hard-meta-generated",
    type: "meta_commentary",
    text: `${INTRO_FORMAL}Please note that this response was generated automatically and may contain mistakes; verify it before use.`,
  },
  {
    id: "hard-near-loop",
    type: "repetition",
    text: `To debug it, first check the service log. Then check the first worker log. Then check the second worker log. Then check the third worker log. Then check the fourth worker log. Then check the fifth worker log. Then check the sixth worker log.`,
  },
  {
    id: "hard-mojibake",
    type: "entropy_spike",
    text: `${INTRO_FORMAL}The menu lists crÃ¨me brÃ»lÃ©e, cafÃ© au lait and tarte Ã  la crÃ¨me, all Ã©tÃ© specials.`,
  },
  {
    id: "hard-subtle-tone",
    type: "tone_shift",
    text: `${INTRO_FORMAL}Anyway, that's pretty much it, yeah. Just run it and you're gonna be fine.`,
  },
];
