using System;
using System.Collections.Generic;
using System.Linq;

namespace ThermoDev.Gateway.ResourceDirectory
{
    /// <summary>
    /// The Resource Directory's registrations (RFC 9176 §5): a table of a fixed number of slots, a
    /// registration addressed by its slot (/rd/3). A registration with the ep and d of one already here
    /// replaces it in its slot (same location, §5.3); a new one takes the next free slot after the one last
    /// given, so a slot freed is reused as late as possible. Expired registrations are removed by
    /// <see cref="Expire"/>. Thread-safe; the listener hears of each change outside the lock.
    /// </summary>
    public sealed class RegistrationTable
    {
        /// <summary>Lifetime when a registration gives none (§5.3: 25 hours).</summary>
        public const uint DefaultLifetime = 90000;

        private readonly object _gate = new object();
        private readonly Registration?[] _slots;
        private readonly IRegistrationListener? _listener;
        private int _next;

        /// <summary>A table of <paramref name="capacity"/> registrations; <paramref name="listener"/> hears of changes.</summary>
        public RegistrationTable(int capacity, IRegistrationListener? listener)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
            _slots = new Registration?[capacity];
            _listener = listener;
        }

        /// <summary>Registrations the table holds at most.</summary>
        public int Capacity => _slots.Length;

        /// <summary>The registrations now, by slot.</summary>
        public IReadOnlyList<Registration> All
        {
            get
            {
                lock (_gate)
                {
                    return _slots.Where(r => r != null).Select(r => r!).ToList();
                }
            }
        }

        /// <summary>The registration in <paramref name="slot"/>, or null.</summary>
        public Registration? At(int slot)
        {
            lock (_gate)
            {
                return slot >= 0 && slot < _slots.Length ? _slots[slot] : null;
            }
        }

        /// <summary>
        /// Registers <paramref name="registration"/> (its slot is chosen here): in the slot of the one with
        /// the same ep and d, else in a free one. Null when the table is full.
        /// </summary>
        public Registration? Register(Registration registration, long now)
        {
            ArgumentNullException.ThrowIfNull(registration);
            Registration made;
            lock (_gate)
            {
                int slot = Array.FindIndex(_slots, r => r != null && r.Endpoint == registration.Endpoint && r.Sector == registration.Sector);
                if (slot < 0)
                {
                    for (int i = 0; i < _slots.Length && slot < 0; i++)
                    {
                        int candidate = (_next + i) % _slots.Length;
                        if (_slots[candidate] == null)
                        {
                            slot = candidate;
                        }
                    }

                    if (slot < 0)
                    {
                        return null;
                    }

                    _next = (slot + 1) % _slots.Length;
                }

                made = registration with { Slot = slot, ExpiresAt = now + (registration.Lifetime * 1000L) };
                _slots[slot] = made;
            }

            _listener?.Registered(made);
            return made;
        }

        /// <summary>
        /// Updates the registration in <paramref name="slot"/> (§5.3.1): a new lifetime and base when given
        /// (a base not given before and not given now becomes the update's source), and the lifetime starts
        /// again. Null when there is none (4.04).
        /// </summary>
        public Registration? Update(int slot, uint? lifetime, string? baseUri, string sourceBase, IReadOnlyList<KeyValuePair<string, string?>> attributes, long now)
        {
            Registration updated;
            lock (_gate)
            {
                Registration? known = slot >= 0 && slot < _slots.Length ? _slots[slot] : null;
                if (known == null)
                {
                    return null;
                }

                uint lt = lifetime ?? known.Lifetime;
                string newBase = baseUri ?? (known.BaseGiven ? known.Base : sourceBase);
                var merged = known.Attributes.Where(a => attributes.All(n => n.Key != a.Key)).Concat(attributes).ToList();
                updated = known with
                {
                    Lifetime = lt,
                    Base = newBase,
                    BaseGiven = baseUri != null || known.BaseGiven,
                    Attributes = merged,
                    ExpiresAt = now + (lt * 1000L),
                };
                _slots[slot] = updated;
            }

            _listener?.Registered(updated);
            return updated;
        }

        /// <summary>Removes the registration in <paramref name="slot"/> (§5.3.2); false when there is none (4.04).</summary>
        public bool Remove(int slot)
        {
            Registration? removed;
            lock (_gate)
            {
                removed = slot >= 0 && slot < _slots.Length ? _slots[slot] : null;
                if (removed == null)
                {
                    return false;
                }

                _slots[slot] = null;
            }

            _listener?.Removed(removed, false);
            return true;
        }

        /// <summary>Removes every registration whose lifetime ran out by <paramref name="now"/>; how many.</summary>
        public int Expire(long now)
        {
            var expired = new List<Registration>();
            lock (_gate)
            {
                for (int i = 0; i < _slots.Length; i++)
                {
                    if (_slots[i] is Registration registration && registration.ExpiresAt <= now)
                    {
                        expired.Add(registration);
                        _slots[i] = null;
                    }
                }
            }

            foreach (Registration registration in expired)
            {
                _listener?.Removed(registration, true);
            }

            return expired.Count;
        }
    }
}
