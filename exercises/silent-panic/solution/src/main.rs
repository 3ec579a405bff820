// Imports three data files, each in its own task, then reports.

fn parse(name: &str, text: &str) -> usize {
    let rows: Vec<&str> = text.lines().collect();
    // Skip the header line; every file has one. Or so we assume.
    println!("parsed {name}: {} rows", rows[1..].len());
    rows.len() - 1
}

#[tokio::main]
async fn main() {
    let files = [("a.csv", "id\n1\n2\n"), ("empty.csv", ""), ("b.csv", "id\n7\n")];
    // Keep every JoinHandle and await it. A panic inside a spawned task
    // ends that task only: the runtime catches it and keeps the program
    // running, so unless someone awaits the handle, the failure is a line
    // on stderr that scrolls away and the program still exits 0. Awaiting
    // gives back `Err(JoinError)`, which says the task panicked. (Sleeping
    // and hoping the tasks are done was a second bug: now we wait for them.)
    let mut tasks = Vec::new();
    for (name, text) in files {
        tasks.push((name, tokio::spawn(async move { parse(name, text) })));
    }
    let mut failed = 0;
    for (name, task) in tasks {
        match task.await {
            Ok(_) => {}
            Err(e) if e.is_panic() => {
                println!("failed: {name} (its task panicked)");
                failed += 1;
            }
            Err(e) => println!("failed: {name} ({e})"),
        }
    }
    println!("import finished, {failed} failed");
}
