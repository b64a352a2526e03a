using System;

namespace Coap.Micro
{
    /// <summary>
    /// The server's resources, registered at start-up, and what a resource needs of the server: the loop
    /// to wake when it changes (<see cref="Loop"/>) and the separate responses it marks ready. The request
    /// layer, Observe and discovery read the resources here.
    /// </summary>
    internal sealed class ResourceRegistry
    {
        /// <summary>The loop a resource wakes when its state changes; read as a field on the change path.</summary>
        internal readonly LoopSignal Loop;

        private readonly SeparateResponseTable _separate;
        private CoapResource[] _table = new CoapResource[0];
        private CoapResource _wellKnownCore;

        internal ResourceRegistry(LoopSignal loop, SeparateResponseTable separate)
        {
            Loop = loop;
            _separate = separate;
        }

        /// <summary>Number of registered resources (the built-in /.well-known/core not counted).</summary>
        internal int Count
        {
            get { return _table.Length; }
        }

        /// <summary>True when the built-in /.well-known/core is served.</summary>
        internal bool Discovery
        {
            get { return _wellKnownCore != null; }
        }

        /// <summary>True when <paramref name="resource"/> is the built-in /.well-known/core.</summary>
        internal bool IsBuiltInDiscovery(CoapResource resource)
        {
            return resource == _wellKnownCore;
        }

        /// <summary>The resource registered <paramref name="index"/>-th.</summary>
        internal CoapResource At(int index)
        {
            return _table[index];
        }

        /// <summary>Serves /.well-known/core (RFC 6690 §4) from the resources registered here.</summary>
        internal void AddDiscovery(int maxRequestSize)
        {
            CoapResource wellKnownCore = new WellKnownCore();
            wellKnownCore.Attach(this, -1, maxRequestSize);
            _wellKnownCore = wellKnownCore;
        }

        /// <summary>Registers a resource (start-up only: the table grows by one); a second one on the same path is refused.</summary>
        internal void Add(CoapResource resource, int maxRequestSize)
        {
            for (int i = 0; i < _table.Length; i++)
            {
                if (_table[i].Path == resource.Path)
                {
                    throw new ArgumentException("a resource is already registered at " + resource.Path);
                }
            }

            resource.Attach(this, _table.Length, maxRequestSize);
            CoapResource[] table = new CoapResource[_table.Length + 1];
            Array.Copy(_table, table, _table.Length);
            table[_table.Length] = resource;
            _table = table;
        }

        /// <summary>The resource whose path the request's Uri-Path options name (a registered one before the built-in /.well-known/core), or null.</summary>
        internal CoapResource Find(CoapMessage request)
        {
            CoapResource[] table = _table;
            for (int i = 0; i < table.Length; i++)
            {
                if (table[i].MatchesPath(request))
                {
                    return table[i];
                }
            }

            CoapResource wellKnownCore = _wellKnownCore;
            return wellKnownCore != null && wellKnownCore.MatchesPath(request) ? wellKnownCore : null;
        }

        /// <summary>Marks a deferred response ready and wakes the loop; false for a ticket not waiting.</summary>
        internal bool SeparateReady(int ticket)
        {
            if (!_separate.MarkReady(ticket))
            {
                return false;
            }

            Loop.Signal();
            return true;
        }
    }
}
