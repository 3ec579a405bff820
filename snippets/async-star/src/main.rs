// stories/alan-hates-writing-a-stream.md: a JavaScript-style async
// generator, which is not Rust syntax.
async* fn numbers() {
    yield 1;
}

fn main() {}
