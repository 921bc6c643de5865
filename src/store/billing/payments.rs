//! Payments and where they went. A payment is applied when recorded, to the sessions named or
//! else to the payer's oldest unpaid sessions (their own and their relationships'); what is
//! left over stays a credit.

use rusqlite::{params, Connection};

use super::books::Books;
use crate::billing::Cents;
use crate::error::{Error, Result};
use crate::model::{Application, Payment};
use crate::store::{audit, enum_text, new_id, not_found, text_enum};
use crate::typed::{self, Large};
use crate::vault::Vault;

pub(crate) fn read_payments(conn: &Connection) -> Result<Vec<Payment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, person_id, received_on, cents, method, note FROM payments ORDER BY received_on DESC, id",
    )?;
    let mut payments: Vec<Payment> = stmt
        .query_map([], |r| {
            Ok(Payment {
                id: r.get(0)?,
                person_id: r.get(1)?,
                received_on: r.get(2)?,
                amount: Cents(r.get(3)?),
                method: text_enum(r.get(4)?)?,
                note: r.get(5)?,
                applied: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut applied = conn.prepare_cached(
        "SELECT a.session_id, a.cents FROM payment_applications a JOIN sessions s ON s.id = a.session_id \
         WHERE a.payment_id = ?1 ORDER BY s.scheduled_at",
    )?;
    for p in &mut payments {
        p.applied = applied
            .query_map([&p.id], |r| {
                Ok(Application {
                    session_id: r.get(0)?,
                    amount: Cents(r.get(1)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(payments)
}

/// Writes a payment and where it went as they are (the checks are the caller's).
pub(crate) fn write_payment(conn: &Connection, p: &Payment) -> Result<()> {
    conn.execute(
        "INSERT INTO payments (id, person_id, received_on, cents, method, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT (id) DO UPDATE SET person_id = ?2, received_on = ?3, cents = ?4, method = ?5, note = ?6",
        params![p.id, p.person_id, p.received_on, p.amount.0, enum_text(&p.method), p.note],
    )?;
    conn.execute(
        "DELETE FROM payment_applications WHERE payment_id = ?1",
        [&p.id],
    )?;
    for a in &p.applied {
        conn.execute(
            "INSERT INTO payment_applications (payment_id, session_id, cents) VALUES (?1, ?2, ?3)",
            params![p.id, a.session_id, a.amount.0],
        )?;
    }
    Ok(())
}

/// Every payment, newest first, with where it went.
pub fn payments(vault: &Vault) -> Result<Vec<Payment>> {
    read_payments(vault.conn())
}

/// Records a payment and applies it.
///
/// # Errors
/// [`Error::Invalid`] for an amount not above zero, an unknown payer, a session named that is
/// not theirs or their relationship's, or more applied to a session than it owes;
/// [`Error::NeedsConfirmation`] for an amount above [`typed::LARGE_PAYMENT`] that she has not
/// confirmed.
#[tracing::instrument(skip_all, err)]
pub fn record_payment(vault: &mut Vault, payment: &Payment, large: Large) -> Result<Payment> {
    if !payment.amount.is_positive() {
        return Err(Error::invalid("amount", "A payment is more than $0.00."));
    }
    typed::check_payment_amount("amount", payment.amount, large)?;
    let books = Books::load(vault.conn(), Some(&payment.person_id))?;
    if !books.names.contains_key(&payment.person_id) {
        return Err(not_found("person", &payment.person_id));
    }
    let owed = |id: &str| {
        books
            .entries
            .iter()
            .find(|e| e.session.id == id && e.charged())
            .map(|e| e.charge.amount - e.paid)
    };
    let mut applied = Vec::new();
    let mut left = payment.amount;
    if payment.applied.is_empty() {
        for e in books.entries.iter().filter(|e| e.charged()) {
            let due = e.charge.amount - e.paid;
            if !left.is_positive() {
                break;
            }
            if due.is_positive() {
                let part = due.min(left);
                applied.push(Application {
                    session_id: e.session.id.clone(),
                    amount: part,
                });
                left = left - part;
            }
        }
    } else {
        for a in &payment.applied {
            let Some(due) = owed(&a.session_id) else {
                return Err(Error::invalid(
                    "applied",
                    "That session is not one of this client's held sessions.",
                ));
            };
            if !a.amount.is_positive() || a.amount > due || a.amount > left {
                return Err(Error::invalid(
                    "applied",
                    format!("{} cannot go to that session: it owes {due}, and {left} of the payment is left.", a.amount),
                ));
            }
            left = left - a.amount;
            applied.push(a.clone());
        }
    }
    let saved = Payment {
        id: new_id(),
        applied,
        note: payment.note.trim().to_owned(),
        ..payment.clone()
    };
    let tx = vault.conn_mut().transaction()?;
    tx.execute(
        "INSERT INTO payments (id, person_id, received_on, cents, method, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![saved.id, saved.person_id, saved.received_on, saved.amount.0, enum_text(&saved.method), saved.note],
    )?;
    for a in &saved.applied {
        tx.execute(
            "INSERT INTO payment_applications (payment_id, session_id, cents) VALUES (?1, ?2, ?3)",
            params![saved.id, a.session_id, a.amount.0],
        )?;
    }
    audit::append(
        &tx,
        "payment.recorded",
        &format!("person:{}", saved.person_id),
        &saved.id,
    )?;
    tx.commit()?;
    Ok(saved)
}
