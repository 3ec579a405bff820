// compile.js STORY.ink STORY.json: compiles an ink story with inkjs's own
// compiler (untimed; the walk loads the JSON, as an ink game ships it).
const fs = require("fs");
const { Compiler } = require("inkjs/full");
const src = fs.readFileSync(process.argv[2], "utf8");
const story = new Compiler(src).Compile();
fs.writeFileSync(process.argv[3], story.ToJson());
