// stories/alan-hates-writing-a-stream.md: yield in an async fn.
async fn numbers() {
    yield 1;
}

fn main() {}
