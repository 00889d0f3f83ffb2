//! Thin shim: the library does the work; `collectsim::run` maps errors to the exit code.

fn main() {
    std::process::exit(collectsim::run(std::env::args_os()));
}
