//! Auto-lock: the vault locks itself after a stretch without the therapist touching the app.

use std::time::{Duration, Instant};

/// Tracks the last activity and says when the idle limit has passed. Monotonic time, so a
/// changed wall clock cannot keep the vault open; a laptop that slept past the limit locks
/// as soon as it wakes.
#[derive(Debug, Clone)]
pub struct IdleTimer {
    last_activity: Instant,
    limit: Duration,
}

impl IdleTimer {
    /// A timer that starts counting from `now`.
    pub fn new(limit: Duration, now: Instant) -> IdleTimer {
        IdleTimer {
            last_activity: now,
            limit,
        }
    }

    /// The therapist did something at `now`.
    pub fn touch(&mut self, now: Instant) {
        self.last_activity = self.last_activity.max(now);
    }

    /// Changes the limit (from Settings); the count so far is kept.
    pub fn set_limit(&mut self, limit: Duration) {
        self.limit = limit;
    }

    /// Whether the vault should lock at `now`.
    pub fn expired(&self, now: Instant) -> bool {
        now.saturating_duration_since(self.last_activity) >= self.limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_cases() {
        let t0 = Instant::now();
        let min = Duration::from_secs(60);
        let mut timer = IdleTimer::new(10 * min, t0);
        assert!(!timer.expired(t0), "fresh timer is not expired");
        assert!(!timer.expired(t0 + 9 * min), "9 of 10 minutes: still open");
        assert!(timer.expired(t0 + 10 * min), "10 of 10 minutes: lock");
        timer.touch(t0 + 9 * min);
        assert!(!timer.expired(t0 + 18 * min), "activity restarts the count");
        timer.touch(t0 + min);
        assert!(
            timer.expired(t0 + 19 * min),
            "an older touch cannot extend the time"
        );
        timer.set_limit(min);
        assert!(
            timer.expired(t0 + 10 * min),
            "a shorter limit applies at once"
        );
        assert!(
            !timer.expired(t0),
            "time before the last touch counts as none"
        );
    }
}
