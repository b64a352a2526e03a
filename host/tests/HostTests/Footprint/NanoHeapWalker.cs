using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace ThermoDev.HostTests.Footprint
{
    /// <summary>
    /// The nanoFramework heap size of everything reachable from a root object through instance fields
    /// and array elements (<see cref="NanoHeapRules"/>), each object counted once. Objects for which
    /// <c>isForeign</c> says true (what an application hands in: transport, clock, resources) are left
    /// out with everything behind them. Types of the .NET base library are counted with the number of
    /// fields the same type has in nanoFramework's mscorlib, and not looked into.
    /// </summary>
    public sealed class NanoHeapWalker
    {
        private readonly Func<object, bool> _isForeign;
        private readonly Dictionary<string, int> _nanoFieldCounts;
        private readonly HashSet<object> _seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        private readonly List<Item> _items = new List<Item>();

        /// <summary>A walker that reads base-library field counts from nanoFramework's <paramref name="nanoMscorlib"/>.</summary>
        public NanoHeapWalker(string nanoMscorlib, Func<object, bool> isForeign)
        {
            _isForeign = isForeign;
            _nanoFieldCounts = ReadFieldCounts(nanoMscorlib);
        }

        /// <summary>One object on the heap: where it was first reached, what it is and its size.</summary>
        public sealed record Item(string Path, string Type, int Bytes);

        /// <summary>Everything counted so far.</summary>
        public IReadOnlyList<Item> Items => _items;

        /// <summary>Sum of every item's size.</summary>
        public int Total => _items.Sum(i => i.Bytes);

        /// <summary>Counts <paramref name="root"/> and everything it owns; returns the bytes added.</summary>
        public int Add(object root, string name)
        {
            int before = Total;
            Visit(root, name);
            return Total - before;
        }

        /// <summary>The items as a table, largest first, for a test's output.</summary>
        public string Describe()
        {
            var text = new StringBuilder();
            foreach (Item item in _items.OrderByDescending(i => i.Bytes).ThenBy(i => i.Path, StringComparer.Ordinal))
            {
                text.AppendLine($"{item.Bytes,7}  {item.Path}  ({item.Type})");
            }

            text.AppendLine($"{Total,7}  total");
            return text.ToString();
        }

        private void Visit(object value, string path)
        {
            if (value == null || _isForeign(value) || !_seen.Add(value))
            {
                return;
            }

            Type type = value.GetType();
            if (value is string text)
            {
                _items.Add(new Item(path, "string", NanoHeapRules.String(Encoding.UTF8.GetByteCount(text))));
                return;
            }

            if (value is Array array)
            {
                Type element = type.GetElementType();
                _items.Add(new Item(path, Name(type), NanoHeapRules.Array(array.Length, NanoHeapRules.ElementSize(element))));
                if (!element.IsValueType)
                {
                    for (int i = 0; i < array.Length; i++)
                    {
                        Visit(array.GetValue(i), $"{path}[{i}]");
                    }
                }

                return;
            }

            if (type.Assembly == typeof(object).Assembly)
            {
                // Base-library objects are built differently on nanoFramework: count its fields, not ours.
                if (!_nanoFieldCounts.TryGetValue(type.FullName, out int nanoFields))
                {
                    throw new NotSupportedException($"{path}: {type.FullName} is not in nanoFramework's mscorlib");
                }

                _items.Add(new Item(path, Name(type), NanoHeapRules.Object(nanoFields)));
                return;
            }

            FieldInfo[] fields = InstanceFields(type);
            _items.Add(new Item(path, Name(type), NanoHeapRules.Object(fields.Length)));
            foreach (FieldInfo field in fields)
            {
                if (field.FieldType.IsValueType)
                {
                    if (!field.FieldType.IsPrimitive && !field.FieldType.IsEnum)
                    {
                        throw new NotSupportedException($"{path}.{field.Name}: no rule for a struct field ({field.FieldType})");
                    }

                    continue;
                }

                Visit(field.GetValue(value), $"{Name(type)}.{field.Name}");
            }
        }

        private static FieldInfo[] InstanceFields(Type type)
        {
            var fields = new List<FieldInfo>();
            for (Type t = type; t != null && t != typeof(object); t = t.BaseType)
            {
                fields.AddRange(t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly));
            }

            return fields.ToArray();
        }

        private static string Name(Type type)
        {
            if (type.IsArray)
            {
                return Name(type.GetElementType()) + "[]";
            }

            return type.Name;
        }

        // Instance field count of every type in nanoFramework's mscorlib, base types included.
        private static Dictionary<string, int> ReadFieldCounts(string mscorlib)
        {
            using var pe = new PEReader(File.OpenRead(mscorlib));
            MetadataReader md = pe.GetMetadataReader();
            var own = new Dictionary<string, int>(StringComparer.Ordinal);
            var bases = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (TypeDefinitionHandle handle in md.TypeDefinitions)
            {
                TypeDefinition t = md.GetTypeDefinition(handle);
                string name = FullName(md, t);
                own[name] = t.GetFields().Count(f => (md.GetFieldDefinition(f).Attributes & FieldAttributes.Static) == 0);
                bases[name] = BaseName(md, t.BaseType);
            }

            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string name in own.Keys)
            {
                int total = 0;
                for (string t = name; t != null && own.ContainsKey(t); t = bases[t])
                {
                    total += own[t];
                }

                counts[name] = total;
            }

            return counts;
        }

        private static string FullName(MetadataReader md, TypeDefinition t)
        {
            string ns = md.GetString(t.Namespace);
            return ns.Length == 0 ? md.GetString(t.Name) : ns + "." + md.GetString(t.Name);
        }

        private static string BaseName(MetadataReader md, EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return null;
            }

            if (handle.Kind == HandleKind.TypeDefinition)
            {
                return FullName(md, md.GetTypeDefinition((TypeDefinitionHandle)handle));
            }

            if (handle.Kind == HandleKind.TypeReference)
            {
                TypeReference r = md.GetTypeReference((TypeReferenceHandle)handle);
                string ns = md.GetString(r.Namespace);
                return ns.Length == 0 ? md.GetString(r.Name) : ns + "." + md.GetString(r.Name);
            }

            return null;
        }
    }
}
