namespace ThermoDev.Gateway.ResourceDirectory
{
    /// <summary>What the directory tells of its registrations (called outside its lock, on the thread that made the change).</summary>
    public interface IRegistrationListener
    {
        /// <summary>A registration was made, replaced (same ep and d) or updated (lifetime, base).</summary>
        void Registered(Registration registration);

        /// <summary>A registration ended: removed (DELETE) or, when <paramref name="expired"/>, its lifetime ran out.</summary>
        void Removed(Registration registration, bool expired);
    }
}
