/**
 * Phrase-level drift signals checked on the recent prose window: meta commentary, hedging and
 * tone shift. All patterns are plain alternations of literals (linear time, no nested quantifiers).
 * Ordinary discourse phrases ("to clarify", "in other words", "let me explain", "Here is the
 * summary:") are deliberately absent: they are not drift.
 */
import type { DriftDetection } from "../types/drift.js";

/** The model talks about itself or about its own output instead of answering. */
const META =
  /\b(?:as an ai(?: language model| assistant| model)?\b|as a (?:large )?language model|i(?:'m| am) (?:just |only )?(?:an? )?(?:ai|artificial intelligence|language model|large language model|ai assistant|chatbot)\b|i(?:'m| am) not (?:able|allowed|permitted) to (?:continue|complete|finish)|i (?:do not|don't) have (?:personal (?:opinions|feelings|experiences|beliefs)|the ability to (?:browse|access)|access to (?:the internet|real-time))|my (?:training data|knowledge cutoff|training cutoff)|i apologi[sz]e,? but (?:i|as)\b|(?:let me|i(?:'ll| will)) start over|scratch (?:that|all of that)|wait,? (?:i|that(?:'s| is)) (?:made a mistake|wrong|not right)|i (?:should not|shouldn't) have (?:said|written)|ignore (?:the|my) previous (?:response|answer|text|output))/g;

/** First-person uncertainty (strong hedges). */
const STRONG_HEDGE =
  /\b(?:i(?:'m| am) not (?:entirely |completely |totally |really |quite |100% )?(?:sure|certain|confident)|i(?:'m| am) unsure|i (?:might|could|may) be (?:wrong|mistaken)|don't quote me|i (?:can't|cannot) be (?:sure|certain)|i (?:don't|do not) really know|take (?:this|that|it) with a grain of salt|i guess|i think maybe|hard to say|who knows|not sure (?:if|whether|about))/g;

/** Soft hedges: only count together with strong ones. */
const SOFT_HEDGE = /\b(?:perhaps|maybe|possibly|probably|might|i think|i believe|it seems)\b/g;

/** Informal register markers. */
const INFORMAL =
  /\b(?:gonna|wanna|gotta|kinda|sorta|lol|lmao|rofl|omg|wtf|dude|bro|yeah|yep|yup|nope|nah|btw|tbh|imho|haha\w*|hehe|ugh|lemme|gimme|dunno|ain't|y'all|cuz|whatevs|totally lit|fam)\b|(?:^|\s)[:;]-?[)d](?!\w)|!!+|\p{Emoji_Presentation}/gu;

/** Counts matches of a global regex in `s`. */
function count(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(s) !== null) n++;
  return n;
}

/** Meta commentary in `window` (lower-cased, apostrophes normalised). */
export function metaCommentary(window: string): DriftDetection | undefined {
  META.lastIndex = 0;
  const m = META.exec(window);
  if (m === null) return undefined;
  return { type: "meta_commentary", confidence: 0.9, detail: "a phrase about being an AI", excerpt: m[0] };
}

/** Hedging density in `window` (lower-cased, apostrophes normalised). */
export function hedging(window: string): DriftDetection | undefined {
  const strong = count(STRONG_HEDGE, window);
  if (strong < 2) return undefined;
  const soft = count(SOFT_HEDGE, window);
  if (strong >= 3) {
    return { type: "hedging", confidence: Math.min(0.9, 0.7 + 0.05 * (strong - 3) + 0.02 * soft), detail: `${strong} strong hedges` };
  }
  if (soft >= 4) return { type: "hedging", confidence: 0.65, detail: `${strong} strong and ${soft} soft hedges` };
  return undefined;
}

/** Register of a stretch of text. */
export interface Register {
  informal: number;
  letters: number;
  upper: number;
}

/** Measures the register of `text` (original case). */
export function register(text: string): Register {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) {
      letters++;
      upper++;
    } else if (c >= 0x61 && c <= 0x7a) letters++;
  }
  return { informal: count(INFORMAL, text.toLowerCase()), letters, upper };
}

/**
 * Tone shift: the opening was neutral (no informal markers, little upper case) and the recent text
 * (`recent`, which starts after the opening) turns casual or shouts.
 */
export function toneShift(opening: Register, recent: Register): DriftDetection | undefined {
  if (opening.informal === 0 && recent.informal >= 3) {
    return {
      type: "tone_shift",
      confidence: Math.min(0.9, 0.65 + 0.05 * (recent.informal - 3)),
      detail: `${recent.informal} informal markers after a neutral opening`,
    };
  }
  const openingUpper = opening.letters === 0 ? 0 : opening.upper / opening.letters;
  if (recent.letters >= 60 && recent.upper / recent.letters >= 0.7 && openingUpper < 0.2) {
    return { type: "tone_shift", confidence: 0.75, detail: "the text switches to upper case" };
  }
  return undefined;
}
