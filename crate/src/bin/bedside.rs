//! The `bedside` command line. (check, check --jsonl, eval)

fn main() {
    eprintln!("bedside: not built yet");
    std::process::exit(2);
}
