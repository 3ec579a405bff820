// walk.js STORY.json [STEPS]: loads a compiled ink story and continues to
// its first choices (what `make bench` times).  With STEPS, walks on: at
// step 0 the choice five sevenths down the list, then the first, but the
// second at every fourth step when three are offered (the second is then
// a skip).  It prints "visit ID" for every knot reached (its tag) and
// "pick N" (1-based) for every choice taken, so a walk of asyncpath can
// follow the same picks.
const fs = require("fs");
const { Story } = require("inkjs");
const json = fs.readFileSync(process.argv[2], "utf8");
const story = new Story(json);
const steps = Number(process.argv[3] || 0);
const out = [];
function reach() {
	while (story.canContinue) {
		story.Continue();
		for (const t of story.currentTags) out.push("visit " + t.trim());
	}
}
reach();
if (!steps)
	out.push("choices " + story.currentChoices.length);
for (let i = 0; i < steps && story.currentChoices.length; i++) {
	const n = story.currentChoices.length;
	const k = i === 0 ? Math.floor(n * 5 / 7) : i % 4 === 3 && n === 3 ? 1 : 0;
	out.push("pick " + (k + 1));
	story.ChooseChoiceIndex(k);
	reach();
}
process.stdout.write(out.join("\n") + "\n");
