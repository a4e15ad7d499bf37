//! A small argument parser: flags and `--name value` / `--name=value` options in any order,
//! positionals in order, and an error for anything left over.

use crate::Usage;

pub struct Args {
    rest: Vec<String>,
    seen: Vec<String>,
}

impl Args {
    pub fn new(argv: Vec<String>) -> Args {
        Args { rest: argv, seen: Vec::new() }
    }

    /// Removes `name` if present.
    pub fn flag(&mut self, name: &str) -> bool {
        match self.rest.iter().position(|a| a == name) {
            Some(i) => {
                self.rest.remove(i);
                self.seen.push(name.to_string());
                true
            }
            None => false,
        }
    }

    /// Removes `name VALUE` or `name=VALUE` if present.
    pub fn value(&mut self, name: &str) -> Result<Option<String>, Usage> {
        let prefix = format!("{name}=");
        if let Some(i) = self.rest.iter().position(|a| a == name) {
            if i + 1 >= self.rest.len() {
                return Err(Usage(format!("{name} needs a value")));
            }
            let v = self.rest.remove(i + 1);
            self.rest.remove(i);
            self.seen.push(name.to_string());
            return Ok(Some(v));
        }
        if let Some(i) = self.rest.iter().position(|a| a.starts_with(&prefix)) {
            let v = self.rest.remove(i)[prefix.len()..].to_string();
            self.seen.push(name.to_string());
            return Ok(Some(v));
        }
        Ok(None)
    }

    pub fn had(&self, name: &str) -> bool {
        self.seen.iter().any(|s| s == name)
    }

    /// The next argument that is not an option (`-` counts as a positional: stdin).
    pub fn positional(&mut self) -> Option<String> {
        let i = self.rest.iter().position(|a| a == "-" || !a.starts_with('-'))?;
        Some(self.rest.remove(i))
    }

    /// Fails on anything not consumed.
    pub fn finish(self) -> Result<(), Usage> {
        match self.rest.first() {
            None => Ok(()),
            Some(a) if a.starts_with('-') => Err(Usage(format!("unknown option {a:?}"))),
            Some(a) => Err(Usage(format!("unexpected argument {a:?}"))),
        }
    }
}
