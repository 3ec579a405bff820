// stories/alan-builds-a-task-scheduler.md: a method that takes &self and
// hands a field it does not own to a spawned task.
pub struct Notifier;

async fn apply_loop(_notifier: Notifier) {}

pub struct Applier {
    notifier: Notifier,
}

impl Applier {
    async fn start(&self) {
        tokio::spawn(apply_loop(self.notifier));
    }
}

#[tokio::main]
async fn main() {
    Applier { notifier: Notifier }.start().await;
}
