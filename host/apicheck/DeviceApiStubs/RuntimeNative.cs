// nanoFramework.Runtime.Native 1.7.11 (assembly nanoFramework.Runtime.Native): GC.Run and
// Power.RebootDevice are in the device API notes; their full declarations and RebootOption's values
// as read in nanoFramework.Runtime.Native @ v1.7.11 (GC.cs, Power.cs, RebootOption.cs).
namespace nanoFramework.Runtime.Native
{
    /// <summary>How the device restarts.</summary>
    public enum RebootOption
    {
        NormalReboot = 0,
        EnterNanoBooter = 1,
        ClrOnly = 2,
        EnterProprietaryBooter = 8,
    }

    /// <summary>The native garbage collector.</summary>
    public static class GC
    {
        /// <summary>Runs a collection (compacting the heap when asked) and returns the free managed memory in bytes.</summary>
        public static uint Run(bool compactHeap) => throw null;

        public static void EnableGCMessages(bool enable) => throw null;
    }

    /// <summary>Restarting the device.</summary>
    public class Power
    {
        public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) => throw null;

        public static void RebootDevice(int exeConstraintTimeout, RebootOption rebootOption = RebootOption.NormalReboot) => throw null;
    }
}
