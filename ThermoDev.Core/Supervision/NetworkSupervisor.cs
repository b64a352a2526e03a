using System;
using System.Threading;
using Coap.Micro;

namespace ThermoDev.Supervision
{
    /// <summary>
    /// Watches the device's IPv4 address, checked at a fixed interval by whoever calls <see cref="Check"/>
    /// (on a board the main thread, which has nothing else to do). Connected, then lost since T: the loss
    /// is logged and the CoAP server keeps its socket (bound to any address, it serves again as soon as an
    /// address is back); back within the allowed time: logged and counted once; away longer: logged and
    /// one reboot asked for. Every value is one int or long read and written with Interlocked, so /status
    /// reads them from the server's thread without a lock.
    /// </summary>
    public sealed class NetworkSupervisor
    {
        private static readonly string LostText = "Wi-Fi: lost the IP address; the CoAP server waits for it, rebooting if it is not back within ";
        private static readonly string BackText = "Wi-Fi: back after ";
        private static readonly string AddressText = " s, IP address ";
        private static readonly string ChangedText = "Wi-Fi: the IP address is now ";
        private static readonly string GiveUpText = "no IP address for ";
        private static readonly string RebootingText = "Wi-Fi: rebooting: ";
        private static readonly string SecondsText = " s";

        private readonly INetworkProbe _probe;
        private readonly ICoapClock _clock;
        private readonly IDeviceReboot _reboot;
        private readonly ILogSink _log;
        private readonly long _giveUpMilliseconds;
        private int _address;
        private int _state;
        private long _lostAt;
        private int _reconnects;

        /// <summary>
        /// Watches <paramref name="probe"/>; when the address stays away <paramref name="giveUpMilliseconds"/>
        /// or longer (by <paramref name="clock"/>), logs the reason to <paramref name="log"/> and asks
        /// <paramref name="reboot"/> to restart the device.
        /// </summary>
        public NetworkSupervisor(INetworkProbe probe, ICoapClock clock, IDeviceReboot reboot, ILogSink log, long giveUpMilliseconds)
        {
            if (probe == null || clock == null || reboot == null || log == null)
            {
                throw new ArgumentNullException(probe == null ? "probe" : clock == null ? "clock" : reboot == null ? "reboot" : "log");
            }

            if (giveUpMilliseconds < 1000)
            {
                throw new ArgumentOutOfRangeException("giveUpMilliseconds");
            }

            _probe = probe;
            _clock = clock;
            _reboot = reboot;
            _log = log;
            _giveUpMilliseconds = giveUpMilliseconds;
            _state = (int)NetworkState.Connected;
        }

        /// <summary>The address last seen, first octet in the lowest byte; 0 while there is none.</summary>
        public int Address
        {
            get { return Interlocked.CompareExchange(ref _address, 0, 0); }
        }

        /// <summary>Times the address came back after it was lost.</summary>
        public int Reconnects
        {
            get { return Interlocked.CompareExchange(ref _reconnects, 0, 0); }
        }

        /// <summary>Connected, lost, or gave up.</summary>
        public NetworkState State
        {
            get { return (NetworkState)Interlocked.CompareExchange(ref _state, 0, 0); }
        }

        /// <summary>Checks the address once and acts on what changed. Call it from one thread at a fixed interval.</summary>
        public void Check()
        {
            int state = _state;
            if (state == (int)NetworkState.GaveUp)
            {
                return;
            }

            int address = _probe.Ipv4Address();
            long now = _clock.NowMilliseconds;
            if (address != 0)
            {
                int before = Interlocked.Exchange(ref _address, address);
                if (state == (int)NetworkState.Lost)
                {
                    Interlocked.Increment(ref _reconnects);
                    Interlocked.Exchange(ref _state, (int)NetworkState.Connected);
                    _log.Line(BackText + ((now - _lostAt) / 1000).ToString() + AddressText + Ipv4Text.Format(address));
                }
                else if (before != 0 && before != address)
                {
                    _log.Line(ChangedText + Ipv4Text.Format(address));
                }

                return;
            }

            if (state == (int)NetworkState.Connected)
            {
                _lostAt = now;
                Interlocked.Exchange(ref _address, 0);
                Interlocked.Exchange(ref _state, (int)NetworkState.Lost);
                _log.Line(LostText + (_giveUpMilliseconds / 1000).ToString() + SecondsText);
                return;
            }

            if (now - _lostAt >= _giveUpMilliseconds)
            {
                Interlocked.Exchange(ref _state, (int)NetworkState.GaveUp);
                string reason = GiveUpText + ((now - _lostAt) / 1000).ToString() + SecondsText;
                _log.Line(RebootingText + reason);
                _reboot.Reboot(reason);
            }
        }
    }
}
